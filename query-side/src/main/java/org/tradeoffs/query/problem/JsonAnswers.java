package org.tradeoffs.query.problem;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers other than problems are labelled {@code application/json} whatever other JSON type the Accept header lists
 * first: with {@code application/problem+json, application/json} Spring would label a view as a problem.
 */
@Configuration(proxyBeanMethods = false)
public class JsonAnswers implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter json) {
                converters.set(i, new MappingJackson2HttpMessageConverter(json.getObjectMapper()) {
                    @Override
                    public List<MediaType> getSupportedMediaTypes(Class<?> type) {
                        return ProblemDetail.class.isAssignableFrom(type) ? super.getSupportedMediaTypes(type)
                                : List.of(MediaType.APPLICATION_JSON);
                    }
                });
            }
        }
    }
}
