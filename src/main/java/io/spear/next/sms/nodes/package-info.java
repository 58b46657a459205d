/**
 * The node service both protocols call: commands and their field checks, limits, list policy,
 * and the kinds of error each adapter maps to its own status codes. The commands are the REST
 * API's request bodies too (with their OpenAPI schemas), and what gRPC's messages map to
 * ({@code sms.grpc.ProtoForm}), so a field is defined once for both.
 */
package io.spear.next.sms.nodes;
