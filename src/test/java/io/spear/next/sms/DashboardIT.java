package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.testing.Prerequisites;
import io.spear.next.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, installed by
 * .ci/run) against the packaged jar: a node registered through the API appears, a heartbeat with
 * a report moves its bars, a status change shows in words, deletion removes it, all without a
 * reload. Screenshots at 1280 px and at 390 px land in target/screenshots.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    private ServiceProcess sms;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Prerequisites.executable(CHROMIUM, "apt-get install chromium");
        Prerequisites.executable(DRIVER, "apt-get install chromium-driver");
        sms = ServiceProcess.start(
                        work, Map.of("KV_PATH", work.resolve("data").toString(), "SMS_STATS_HISTORY_INTERVAL", "1s"))
                .awaitReady(Duration.ofSeconds(60));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium from calling out to the network at start
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + work.resolve("chromium-profile"),
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (sms != null) {
            sms.close();
        }
    }

    @Test
    void theClusterUpdatesLiveAsNodesComeBeatAndGo() throws Exception {
        String existing = register("existing-worker", "eu-1");
        browser.get("http://127.0.0.1:" + sms.port() + "/");
        // the table is re-rendered on every event: a row found a moment ago may be gone, so a
        // condition that met a stale element is looked at again rather than failed
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        wait.until(d -> row(existing) != null);

        String uuid = register("gpu-worker-7", "us-2");
        wait.until(d -> row(uuid) != null);
        assertEquals("active", cell(uuid, "Status").getText().replaceAll("[^a-z]", ""));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-stat='total_nodes']"), "2"));

        given().port(sms.port())
                .contentType("application/json")
                .body("""
                {"health_info": {"disk": "ok"}, "resource": {"cpu_usage_percent": 37.5, "memory_usage_percent": 91.0,
                 "disk_usage_percent": 12.0, "load_average_1m": 1.25,
                 "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 80, "memory_used_bytes": 8,
                           "utilization_percent": 12.5}]}}""")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200);
        wait.until(d -> cell(uuid, "CPU").getText().contains("37.5%"));
        assertEquals(
                "37.5",
                cell(uuid, "CPU").findElement(By.cssSelector("[role=meter]")).getAttribute("aria-valuenow"));
        assertTrue(cell(uuid, "Memory").getText().contains("91.0%"));
        assertEquals(
                "high", cell(uuid, "Memory").findElement(By.className("bar")).getAttribute("data-level"));
        assertEquals("1.25", cell(uuid, "Load (1m)").getText());

        // the charts of the last hour: nodes per status, average CPU and memory, heartbeats per second
        wait.until(d -> legend("chart-usage", "average_cpu_usage").equals("CPU 37.5%"));
        assertEquals("memory 91.0%", legend("chart-usage", "average_memory_usage"));
        wait.until(d -> legend("chart-nodes", "active_nodes").equals("active 2"));
        assertTrue(points("chart-nodes", "active_nodes").size() >= 2, "a line, not a dot");
        for (int beat = 0; beat < 5; beat++) {
            given().port(sms.port())
                    .post("/api/v1/nodes/" + existing + "/heartbeat")
                    .then()
                    .statusCode(200);
        }
        double baseline = points("chart-heartbeats", "heartbeats_per_second").get(0)[1];
        wait.until(d ->
                points("chart-heartbeats", "heartbeats_per_second").stream().anyMatch(p -> p[1] < baseline));
        assertTrue(
                browser.findElement(By.cssSelector("#chart-heartbeats svg"))
                        .getAttribute("aria-label")
                        .startsWith("Heartbeats per second"),
                "the chart says what it shows to a screen reader");

        // the detail view: metadata, health, GPUs
        row(uuid).click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        assertTrue(detail.getText().contains("us-2"), detail.getText());
        assertTrue(detail.getText().contains("A100"), detail.getText());
        screenshot("dashboard-detail-1280");
        detail.findElement(By.className("close")).click();

        given().port(sms.port())
                .contentType("application/json")
                .body("{\"status\": \"decommissioning\"}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200);
        wait.until(d -> cell(uuid, "Status").getText().contains("decommissioning"));

        // filters
        Select status = new Select(browser.findElement(By.cssSelector("select[name=status]")));
        status.selectByValue("decommissioning");
        wait.until(d -> row(existing) == null && row(uuid) != null);
        status.selectByValue("");
        browser.findElement(By.cssSelector("input[name=label]")).sendKeys("zone=eu-1");
        wait.until(d -> row(uuid) == null && row(existing) != null);
        browser.findElement(By.cssSelector("input[name=label]")).clear();
        browser.findElement(By.cssSelector("input[name=label]")).sendKeys(" ");
        wait.until(d -> row(uuid) != null);
        screenshot("dashboard-1280");

        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> row(uuid).isDisplayed());
        screenshot("dashboard-390");

        given().port(sms.port()).delete("/api/v1/nodes/" + uuid).then().statusCode(204);
        wait.until(d -> row(uuid) == null);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-stat='total_nodes']"), "1"));
        assertEquals(List.of(), browser.findElements(By.cssSelector("#nodes tbody tr[data-uuid='" + uuid + "']")));
    }

    private String register(String name, String zone) {
        return given().port(sms.port())
                .contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"ip_address\": \"10.0.0.7\", \"port\": 7000, "
                        + "\"metadata\": {\"zone\": \"" + zone + "\"}}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .extract()
                .path("uuid");
    }

    /** A chart's legend entry: the series' label and its latest value. */
    private String legend(String chart, String series) {
        List<WebElement> items =
                browser.findElements(By.cssSelector("#" + chart + " li[data-series='" + series + "']"));
        return items.isEmpty() ? "" : items.get(0).getText();
    }

    /** A chart line's points, in SVG coordinates (y grows downwards: a higher value has a smaller y). */
    private List<double[]> points(String chart, String series) {
        List<WebElement> lines =
                browser.findElements(By.cssSelector("#" + chart + " polyline[data-series='" + series + "']"));
        if (lines.isEmpty() || lines.get(0).getAttribute("points").isBlank()) {
            return List.of(new double[] {0, Double.MAX_VALUE});
        }
        return java.util.Arrays.stream(
                        lines.get(0).getAttribute("points").trim().split(" "))
                .map(point -> java.util.Arrays.stream(point.split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toList();
    }

    private WebElement row(String uuid) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#nodes tbody tr[data-uuid='" + uuid + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private WebElement cell(String uuid, String label) {
        return row(uuid).findElement(By.cssSelector("td[data-label='" + label + "']"));
    }

    private void screenshot(String name) throws Exception {
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
