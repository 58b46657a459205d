package io.spear.next.sms.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.RegistryEvent;
import jakarta.inject.Singleton;

/**
 * The registry's enums in JSON by their wire names ({@code active}, {@code node_registered}), both
 * ways, without JSON annotations in the registry: a mix-in marks their {@code wireName()} as the
 * JSON value. The OpenAPI document names the same values (application.properties,
 * {@code mp.openapi.schema.*}).
 */
@Singleton
public class WireEnums implements ObjectMapperCustomizer {

    /** What the enums share: a wire name. */
    abstract static class WireNamed {
        @JsonValue
        abstract String wireName();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(NodeStatus.class, WireNamed.class);
        mapper.addMixIn(RegistryEvent.Type.class, WireNamed.class);
    }
}
