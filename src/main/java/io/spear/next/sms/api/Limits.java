package io.spear.next.sms.api;

/** Bounds on what clients may send, shared by the request records and the gRPC service. */
public final class Limits {

    public static final int NAME = 253;
    public static final int MAP_ENTRIES = 64;
    public static final int MAP_KEY = 128;
    public static final int MAP_VALUE = 1024;
    public static final int GPUS = 64;
    public static final int MAX_PAGE = 1000;
    public static final int DEFAULT_PAGE = 100;

    private Limits() {
    }
}
