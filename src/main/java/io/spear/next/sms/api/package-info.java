/**
 * The REST adapter (Quarkus REST, Jackson): resources, the JSON shapes of responses,
 * problem+json errors, the SSE watch. Request bodies bind straight to the node service's commands
 * ({@code sms.nodes}: one definition of a registration, an update, a beat and a report for both
 * protocols; their OpenAPI schemas keep this API's names). Calls {@code sms.nodes} and the
 * registry's views; never the gRPC adapter.
 */
package io.spear.next.sms.api;
