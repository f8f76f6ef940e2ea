package org.tradeoffs.command.savings;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;

/**
 * A budget line's place in the budget tree, e.g. {@code "Operations / Transportation / General education routes"}:
 * 1 to 6 segments separated by "/", each 1 to 100 characters once trimmed. Null is left to {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BudgetPath.Validator.class)
public @interface BudgetPath {

    String message() default "must be 1 to 6 segments separated by \"/\", each 1 to 100 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BudgetPath, String> {

        /** The trimmed segments of a path. */
        static List<String> segments(String path) {
            return Arrays.stream(path.split("/", -1)).map(String::strip).toList();
        }

        @Override
        public boolean isValid(String path, ConstraintValidatorContext context) {
            if (path == null) {
                return true;
            }
            List<String> segments = segments(path);
            return segments.size() <= 6
                    && segments.stream().allMatch(segment -> !segment.isEmpty() && segment.length() <= 100);
        }
    }
}
