package io.spear.next.sms.nodes;

/**
 * Bounds on what clients may send, one number each, the same over REST and gRPC (and in the
 * README's table).
 */
public final class Limits {

    public static final int NAME = 253;
    public static final int MAP_ENTRIES = 64;
    public static final int MAP_KEY = 128;
    public static final int MAP_VALUE = 1024;
    public static final int GPUS = 64;
    public static final int MAX_PAGE = 1000;
    public static final int DEFAULT_PAGE = 100;
    /** Node uuids one listing of reports (or one watch) may name. */
    public static final int NODE_UUIDS = 1000;
    /** The most items one unpaged answer (gRPC's page_size 0) carries; more must be paged. */
    public static final int UNPAGED_MAX = 10_000;

    private Limits() {}
}
