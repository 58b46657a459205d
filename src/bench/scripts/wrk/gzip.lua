-- the URL wrk was given, answered compressed
wrk.headers["Accept-Encoding"] = "gzip"
