package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The API's JSON names, derived from the records' component names: snake case, where a number
 * starts a word of its own ({@code loadAverage1m} is {@code load_average_1m}). One definition for
 * every JSON body, the registry's records included (they carry no JSON annotations), used by
 * Jackson ({@code quarkus.jackson.property-naming-strategy}) and by the OpenAPI document
 * ({@code mp.openapi.extensions.smallrye.property-naming-strategy}).
 */
@RegisterForReflection
public class JsonNames extends PropertyNamingStrategies.NamingBase {

    @Override
    public String translate(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean wordStarts = i > 0
                    && (Character.isUpperCase(c) || Character.isDigit(c) && !Character.isDigit(name.charAt(i - 1)));
            if (wordStarts) {
                json.append('_');
            }
            json.append(Character.toLowerCase(c));
        }
        return json.toString();
    }
}
