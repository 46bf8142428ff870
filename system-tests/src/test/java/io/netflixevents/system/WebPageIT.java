package io.netflixevents.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.netflixevents.testsupport.AwsEmulator;
import io.netflixevents.testsupport.Queues;
import io.netflixevents.testsupport.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page as a person uses it, in Debian's headless Chromium against the five running services: pick a user,
 * open three movies, watch each event get stored, published and ticked off by all four consumers, and see the
 * history panel list the movies newest first. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration FAN_OUT = Duration.ofSeconds(30);

	private static RunningSystem system;

	private static Path profile;

	private static ChromeDriver browser;

	@BeforeAll
	static void startSystemAndBrowser() throws IOException {
		system = RunningSystem.start(AwsEmulator.shared());
		profile = Files.createTempDirectory("web-page-it-chromium-");
		browser = headlessChromium(profile);
	}

	/** The system's chromium and chromedriver; with both paths given, Selenium Manager is skipped entirely. */
	private static ChromeDriver headlessChromium(Path profile) {
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000",
					"--lang=en-US");
		ChromeDriverService driver = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(driver, options);
	}

	@AfterAll
	static void stopBrowserAndSystem() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (system != null) {
			system.close();
			// the consumer killed below left its queue with messages nobody took: leave the emulator clean
			try (SqsClient sqs = AwsEmulator.shared().sqs()) {
				Queues queues = new Queues(sqs);
				queues.purge(queues.urlOf("netflix-events-streaming"));
			}
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	@Order(1)
	void aViewerOpensThreeMoviesAndWatchesEachReachAllFourServicesAndHerHistory() throws IOException {
		browser.get(system.frontendUrl());
		until(FAN_OUT).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
		assertThat(browser.findElements(By.cssSelector("#movie-grid .card"))).hasSize(40);

		// another viewer first, so that there is something to recommend
		Select users = new Select(browser.findElement(By.id("user-picker")));
		users.selectByValue("ben");
		for (long movie : List.of(2L, 11L)) {
			card(movie).click();
			awaitAcceptedInDetails(movie);
			new Actions(browser).sendKeys(Keys.ESCAPE).perform();
			until(Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("details")));
		}

		users.selectByValue("chloe");
		until(FAN_OUT).until(ExpectedConditions.textToBe(By.id("history-note"),
				"Nothing yet. Open a movie and watch it land here."));

		// a double click opens the details once and sends one event
		int sent = browser.findElements(By.cssSelector("#pipeline-events .event")).size();
		new Actions(browser).doubleClick(card(2)).perform();
		String inception = awaitAcceptedInDetails(2);
		assertThat(browser.findElements(By.cssSelector("#pipeline-events .event"))).hasSize(sent + 1);
		new Actions(browser).sendKeys(Keys.ESCAPE).perform();
		until(Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("details")));

		// the keyboard: "/" to search, Enter to the first match, Enter to open it
		new Actions(browser).sendKeys("/").perform();
		browser.switchTo().activeElement().sendKeys("dark kn", Keys.ENTER);
		assertThat(browser.findElements(By.cssSelector("#movie-grid .card:not([hidden])"))).hasSize(1);
		assertThat(browser.switchTo().activeElement().getDomAttribute("aria-label")).startsWith("The Dark Knight (2008)");
		browser.switchTo().activeElement().sendKeys(Keys.ENTER);
		String darkKnight = awaitAcceptedInDetails(16);
		browser.findElement(By.cssSelector("#details [data-close]")).click();
		browser.findElement(By.id("search")).sendKeys(Keys.ESCAPE);

		card(5).click();
		String parasite = awaitAcceptedInDetails(5);
		screenshot("web-page-details.png");
		browser.findElement(By.cssSelector("#details [data-close]")).click();

		List<String> events = List.of(inception, darkKnight, parasite);
		assertThat(events).doesNotHaveDuplicates();
		for (String eventId : events) {
			until(FAN_OUT).withMessage("event " + eventId + " ticked by all four services")
				.until(page -> page.findElements(By.cssSelector(
						"#pipeline-events .event[data-event-id='" + eventId + "'] .tick[data-state='applied']"))
					.size() == 4);
		}
		assertThat(browser.findElements(By.cssSelector("#pipeline-events .event")))
			.extracting(event -> event.getDomAttribute("data-event-id"))
			.startsWith(parasite, darkKnight, inception);
		until(FAN_OUT).withMessage("history lists the three movies newest first")
			.until(page -> movieIds(page, "#history-list > li").equals(List.of("5", "16", "2")));
		assertThat(browser.findElement(By.id("history-list")).getText()).contains("Parasite", "The Dark Knight",
				"Inception");
		until(FAN_OUT).until(page -> movieIds(page, "#trending-list > li").containsAll(List.of("5", "16", "2"))
				&& movieIds(page, "#prefetch-list > li").containsAll(List.of("5", "16", "2"))
				&& movieIds(page, "#recommendations-list > li").contains("11"));

		screenshot("web-page.png"); // docs/web-page.png, in the README, is a copy of it

		browser.manage().window().setSize(new Dimension(390, 844));
		assertThat(((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling at phone width")
			.isEqualTo(true);
		screenshot("web-page-phone.png");
		browser.manage().window().setSize(new Dimension(1440, 1000));
	}

	@Test
	@Order(2)
	void saysWhichServiceIsDownAndStillSendsEvents() throws IOException {
		browser.navigate().refresh();
		until(FAN_OUT).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
		assertThat(new Select(browser.findElement(By.id("user-picker"))).getFirstSelectedOption().getText())
			.as("the chosen user is remembered")
			.isEqualTo("Chloé");

		system.process("streaming-service").kill();
		until(FAN_OUT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "streaming-service"));
		until(FAN_OUT).until(ExpectedConditions.attributeToBe(By.id("prefetch-panel"), "data-up", "false"));
		assertThat(browser.findElement(By.id("prefetch-note")).getText()).contains("streaming-service");

		card(33).click();
		String dune = awaitAcceptedInDetails(33);
		browser.findElement(By.cssSelector("#details [data-close]")).click();
		String event = "#pipeline-events .event[data-event-id='" + dune + "']";
		until(FAN_OUT).until(page -> page.findElements(By.cssSelector(event + " .tick[data-state='applied']"))
			.size() == 3
				&& !page.findElements(By.cssSelector(event + " .tick[data-service='streaming-service'][data-state='down']"))
					.isEmpty());
		((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
		screenshot("web-page-service-down.png");
	}

	private static WebElement card(long movieId) {
		return browser.findElement(By.cssSelector("#movie-grid .card[data-movie-id='" + movieId + "'] button"));
	}

	/** Waits until the open details pane shows the movie and its event stored and published; its event id. */
	private static String awaitAcceptedInDetails(long movieId) {
		until(Duration.ofSeconds(5)).until(ExpectedConditions.attributeToBe(By.id("details"), "data-movie-id",
				String.valueOf(movieId)));
		// the pane redraws as ticks arrive: look everything up afresh on each try
		return until(FAN_OUT).withMessage("movie " + movieId + " stored in S3 and published")
			.until(page -> {
				WebElement event = page.findElement(By.cssSelector("#details .details-event"));
				if (!List.of("accepted", "complete").contains(event.getDomAttribute("data-state"))) {
					return null;
				}
				assertThat(event.findElement(By.cssSelector("[data-step='s3'] code")).getDomAttribute("title"))
					.startsWith("events/movie-details-viewed/dt=");
				return event.getDomAttribute("data-event-id");
			});
	}

	private static List<String> movieIds(WebDriver page, String items) {
		return page.findElements(By.cssSelector(items)).stream().map(li -> li.getDomAttribute("data-movie-id")).toList();
	}

	/** An explicit wait; the page redraws parts of itself while we look, so a stale element just means "try again". */
	private static FluentWait<WebDriver> until(Duration timeout) {
		return new WebDriverWait(browser, timeout, Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class);
	}

	private static Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path file = SCREENSHOTS.resolve(name);
		Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
		return file;
	}

}
