package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A heartbeat; both parts optional. An agent sends its health and its report in one beat.")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatRequest(
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @NotNull @Size(max = Limits.MAP_VALUE) String> healthInfo,
        @Valid ResourceReport resource) {
}
