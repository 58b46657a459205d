package io.spear.next.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.spear.next.sms.nodes.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. Validation problems list
 * the fields at fault, named as on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
