/**
 * The service's configuration as MicroProfile Config mappings ({@code kv.*}, {@code sms.*}), the
 * one raw read of Quarkus' own gRPC address ({@code GrpcServerSettings}), and what the native image
 * needs registered. Besides this package only the launcher ({@code sms.launch}: Spear's command
 * line, environment and TOML as config sources) touches raw configuration; {@code ArchitectureTest}
 * holds that.
 */
package io.spear.next.sms.config;
