package io.spear.next.sms.api;

/** Bounds on what clients may send, shared by the request records. */
final class Limits {

    static final int NAME = 253;
    static final int MAP_ENTRIES = 64;
    static final int MAP_KEY = 128;
    static final int MAP_VALUE = 1024;
    static final int GPUS = 64;
    static final int MAX_PAGE = 1000;
    static final int DEFAULT_PAGE = 100;

    private Limits() {
    }
}
