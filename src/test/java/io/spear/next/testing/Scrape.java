package io.spear.next.testing;

import static io.restassured.RestAssured.given;

import java.util.OptionalDouble;

/** /q/metrics of the service under test, in OpenMetrics, the format Prometheus asks for. */
public final class Scrape {

    private Scrape() {}

    public static String openMetrics() {
        return given().accept("application/openmetrics-text")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The value of one series, named with its labels as the scrape writes them; empty when it is not there. */
    public static OptionalDouble value(String series) {
        return openMetrics()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
