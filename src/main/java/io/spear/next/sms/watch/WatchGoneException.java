package io.spear.next.sms.watch;

import io.spear.next.sms.nodes.ErrorKind;

/** A resume point older than the log keeps: the watcher must list again, then watch from now. */
public class WatchGoneException extends RuntimeException implements ErrorKind.Declared {

    public WatchGoneException(long after, long floor) {
        super("the events after revision " + after + " are no longer kept (the log starts at revision " + floor
                + ", sms.watch.retention): list the nodes again, then watch from now");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.GONE;
    }
}
