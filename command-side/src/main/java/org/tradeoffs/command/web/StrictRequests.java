package org.tradeoffs.command.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Refuses, before a command is sent, what would otherwise be refused only after it was stored or be stored other than
 * sent: a request whose {@code Accept} rules out {@code application/json} (Spring would store the command, then answer
 * 406), and a body that is not exactly the JSON its schema describes (Jackson would store 1.5 or "12" as a whole
 * number, 123 as "123", drop the unknown fields of a closed object such as a priority's {@code cost}, and ignore
 * whatever follows the first JSON value). Only the request bodies' reading is stricter: the events' serializer is not
 * this one.
 */
@Configuration(proxyBeanMethods = false)
public class StrictRequests implements WebMvcConfigurer {


    private final ObjectMapper json;

    public StrictRequests(ObjectMapper json) {
        this.json = json;
    }

    /** A request whose Accept rules out JSON is answered 406 at once, written here: Spring cannot negotiate it. */
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
                json.writeValue(response.getOutputStream(),
                        ProblemHandling.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", refusal));
                return false;
            }
        });
    }

    /**
     * Bodies are read strictly ({@link #strict}); answers other than problems are labelled {@code application/json}
     * whatever other JSON type the Accept header lists first (with {@code application/problem+json,
     * application/json} Spring would label a success as a problem).
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter json) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict(json.getObjectMapper().copy())) {
                    @Override
                    public List<MediaType> getSupportedMediaTypes(Class<?> type) {
                        return ProblemDetail.class.isAssignableFrom(type) ? super.getSupportedMediaTypes(type)
                                : List.of(MediaType.APPLICATION_JSON);
                    }
                });
            }
        }
    }

    /**
     * Why the Accept header rules out this service's answers ({@code application/json} in UTF-8), or null if it does
     * not. Asked before the command is sent: a write whose answer the client would refuse is not stored. A JSON type
     * in another charset is refused even beside one in UTF-8, as Spring would answer the preferred one and fail.
     */
    static String refusal(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        try {
            List<MediaType> json = MediaType.parseMediaTypes(accept).stream().filter(type ->
                    type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)).toList();
            return !json.isEmpty() && json.stream().allMatch(StrictRequests::inUtf8)
                    ? null : "This service answers application/json in UTF-8 (errors application/problem+json) only";
        } catch (InvalidMediaTypeException e) {
            return "Accept is not a list of media types";
        }
    }

    /** Whether the type takes UTF-8: it names no charset, or UTF-8. */
    private static boolean inUtf8(MediaType type) {
        String charset = type.getParameter("charset");
        return charset == null || charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("\"UTF-8\"");
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        // the request schemas leave their objects open (unknown fields ignored) but for the @ClosedObject ones
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new SimpleModule("closed-request-objects").setDeserializerModifier(
                new BeanDeserializerModifier() {
                    @Override
                    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                            BeanDescription description, BeanDeserializerBuilder builder) {
                        Class<?> type = description.getBeanClass();
                        builder.setIgnoreUnknownProperties(!type.isAnnotationPresent(ClosedObject.class));
                        return builder;
                    }
                }));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a whole number is a number, text is text
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        // a choice is one of its names, not its index ({"vote": 0} was APPROVE), nor "0"
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        // true or false, not 1 or "true"
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        // a date is "2027-08-01", not a count of days since 1970
        mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
        return mapper;
    }

    /** Values of these shapes are not read as values of the type (Jackson would convert them). */
    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
