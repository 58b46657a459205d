package io.spear.next.sms.nodes;

/** One field of a request at fault, named as on the wire (ip_address, resource.gpus[0].index). */
public record FieldError(String field, String message) {}
