package org.tradeoffs.query.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers JSON: a request whose {@code Accept} rules out {@code application/json} is answered 406 with a
 * problem document before anything is read (Spring would answer an Accept it cannot parse with an empty 406), and
 * answers other than problems are labelled {@code application/json} whatever other JSON type the Accept header lists
 * first (with {@code application/problem+json, application/json} Spring would label a view as a problem).
 */
@Configuration(proxyBeanMethods = false)
public class JsonAnswers implements WebMvcConfigurer {

    private final ObjectMapper json;

    public JsonAnswers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws IOException {
                String refusal = refusal(request.getHeader(HttpHeaders.ACCEPT));
                if (refusal == null) {
                    return true;
                }
                response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                ProblemDetail problem = Problems.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", refusal);
                problem.setInstance(URI.create(request.getRequestURI()));
                json.writeValue(response.getOutputStream(), problem);
                return false;
            }
        }).addPathPatterns("/api/**");
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter converter) {
                converters.set(i, new MappingJackson2HttpMessageConverter(converter.getObjectMapper()) {
                    @Override
                    public List<MediaType> getSupportedMediaTypes(Class<?> type) {
                        return ProblemDetail.class.isAssignableFrom(type) ? super.getSupportedMediaTypes(type)
                                : List.of(MediaType.APPLICATION_JSON);
                    }
                });
            }
        }
    }

    /** Why the Accept header rules out this service's answers ({@code application/json}), or null if it does not. */
    static String refusal(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && type.isCompatibleWith(MediaType.APPLICATION_JSON))
                    ? null : "This service answers application/json (errors application/problem+json) only";
        } catch (InvalidMediaTypeException e) {
            return "Accept is not a list of media types";
        }
    }
}
