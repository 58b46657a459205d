package io.spear.next.sms.nodes;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A request with fields at fault, each named as on the wire (ip_address, resource.gpus[0].index):
 * a 400 over REST, INVALID_ARGUMENT over gRPC. Both the hot path's {@link FieldChecks} and bean
 * validation end here.
 */
public final class InvalidFieldsException extends RuntimeException {

    private final transient List<FieldError> errors;

    InvalidFieldsException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = errors;
    }

    /** The violations bean validation found, sorted by field. */
    public static InvalidFieldsException of(Collection<? extends ConstraintViolation<?>> violations) {
        return new InvalidFieldsException(violations.stream()
                .map(violation -> new FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList());
    }

    /**
     * The fields at fault in a refused request: this exception itself, or the violations bean
     * validation threw as its own exception; null for any other error.
     */
    public static InvalidFieldsException from(Throwable error) {
        if (error instanceof ConstraintViolationException violations) {
            return of(violations.getConstraintViolations());
        }
        return error instanceof InvalidFieldsException fields ? fields : null;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * The wire name of a violated property: ip_address, metadata[zone]. A violation of a resource
     * method's parameter (register.request.ipAddress) is named from inside the parameter.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        boolean inBody = true;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                inBody = false; // a parameter follows
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                inBody = true;
                continue;
            }
            if (!inBody) {
                continue;
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(snakeCase(node.getName()));
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else if (Character.isDigit(c) && i > 0 && Character.isLetter(camel.charAt(i - 1))) {
                out.append('_').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
