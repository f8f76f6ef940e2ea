package org.tradeoffs.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded slash or backslash in the path, a malformed
 * request line) are answered with problem documents too, instead of Tomcat's HTML error page: its error report valve
 * is replaced by {@link ProblemReportValve}. Runs after Spring Boot's own customizer, which may install one.
 */
@Component
public class ProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            host.addValve(new ProblemReportValve());
            if (context.getParent() instanceof StandardHost standardHost) {
                // so that the host, starting, finds its error report valve in place and adds no other
                standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Writes an error response nothing else wrote as a problem document: status, code, no server details. */
    public static final class ProblemReportValve extends ErrorReportValve {

        /** With Spring's mix-in for problem documents, as Spring MVC writes them. */
        private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return;
            }
            HttpStatusCode known = HttpStatusCode.valueOf(status);
            String code = ProblemHandling.codeFor(known);
            String detail = known.is5xxServerError() ? "Something went wrong on our side"
                    : "The request was refused before it reached the service";
            ProblemDetail problem = ProblemHandling.problem(known, code, detail);
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or the response can no longer be written: nothing more to do
            }
        }
    }
}
