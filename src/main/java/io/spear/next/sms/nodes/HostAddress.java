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

/**
 * Where a node is reached: an IPv4 or IPv6 address literal, or a DNS name (RFC 1123: dot-separated
 * labels of letters, digits and inner hyphens, up to 63 characters each and 253 in all). Spear's
 * agents advertise what {@code SPEARLET_ADVERTISE_IP} says, which may be a name. Names are never
 * looked up; text shaped like an IPv4 address must be one.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HostAddress.Validator.class)
public @interface HostAddress {

    String message() default "must be an IPv4 or IPv6 address literal or a DNS name such as node-7.example.org";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<HostAddress, String> {

        private static final Pattern IPV4 =
                Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
        private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
        private static final Pattern DNS_NAME = Pattern.compile(
                "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || IPV4.matcher(value).matches()) {
                return true;
            }
            if (value.contains(":")) {
                return isIpv6(value);
            }
            return !DOTTED_NUMBERS.matcher(value).matches()
                    && DNS_NAME.matcher(value).matches();
        }

        private static boolean isIpv6(String value) {
            // Only hex digits, ':' and '.' reach InetAddress, which parses such text as an IPv6
            // literal without any name lookup.
            if (!IPV6_CHARS.matcher(value).matches()) {
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
