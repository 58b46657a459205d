package io.spear.next.sms.nodes;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address literal; host names are refused (and never looked up). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpLiteral.Validator.class)
public @interface IpLiteral {

    String message() default "must be an IPv4 or IPv6 address literal";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<IpLiteral, String> {

        private static final Pattern IPV4 =
                Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (IPV4.matcher(value).matches()) {
                return true;
            }
            // Only hex digits, ':' and '.' reach InetAddress, which parses such text as an IPv6
            // literal without any name lookup.
            if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
                return false;
            }
            try {
                return InetAddress.getByName(value) != null;
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
