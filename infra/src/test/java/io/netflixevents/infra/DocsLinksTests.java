package io.netflixevents.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.netflixevents.testsupport.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * The README, the pages in docs/ and bench/README.md link to each other and to files of the repository: every
 * relative link must name a file that exists, and every {@code #anchor} a heading of the page it points at (as
 * GitHub makes anchors from headings). Links to other sites are not followed.
 */
class DocsLinksTests {

	/** {@code [text](target)} and {@code ![alt](target)}, the target up to a space or the closing parenthesis. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	@Test
	void everyRelativeLinkAndAnchorResolves() {
		List<Path> pages = pages();
		assertThat(pages).extracting(page -> ProjectFiles.root().relativize(page).toString())
			.contains("README.md", "bench/README.md", "docs/testing.md");
		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			for (String target : links(page)) {
				String problem = problem(page, target);
				if (problem != null) {
					broken.add(ProjectFiles.root().relativize(page) + ": (" + target + ") " + problem);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void anchorsAreMadeFromHeadingsAsGitHubMakesThem() {
		assertThat(anchor("Docker / LocalStack")).isEqualTo("docker--localstack");
		assertThat(anchor("From an empty account to a `curl`, and back to nothing"))
			.isEqualTo("from-an-empty-account-to-a-curl-and-back-to-nothing");
		assertThat(anchor("System tests: the five services as processes"))
			.isEqualTo("system-tests-the-five-services-as-processes");
		assertThat(anchor("What `up.sh` starts")).isEqualTo("what-upsh-starts");
	}

	private static List<Path> pages() {
		Path root = ProjectFiles.root();
		List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("bench/README.md")));
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pages;
	}

	private static List<String> links(Path page) {
		List<String> targets = new ArrayList<>();
		boolean inCode = false;
		for (String line : read(page)) {
			if (line.stripLeading().startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			if (inCode) {
				continue;
			}
			Matcher matcher = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	/** Why the link is broken, or null when it resolves (or leaves the repository). */
	private static String problem(Path page, String target) {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String file = (hash < 0) ? target : target.substring(0, hash);
		Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!linked.startsWith(ProjectFiles.root())) {
			return "leaves the repository";
		}
		if (!Files.exists(linked)) {
			return "no such file";
		}
		if (hash < 0) {
			return null;
		}
		String anchor = target.substring(hash + 1);
		if (!linked.toString().endsWith(".md")) {
			return "an anchor into a file that is not Markdown";
		}
		return anchors(linked).contains(anchor) ? null : "no heading with that anchor";
	}

	private static Set<String> anchors(Path page) {
		Set<String> anchors = new HashSet<>();
		Set<String> seen = new HashSet<>();
		boolean inCode = false;
		for (String line : read(page)) {
			if (line.stripLeading().startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!inCode && heading.matches()) {
				String anchor = anchor(heading.group(1));
				String unique = anchor;
				for (int n = 1; !seen.add(unique); n++) {
					unique = anchor + "-" + n;
				}
				anchors.add(unique);
			}
		}
		return anchors;
	}

	/** GitHub's rule: lower case, punctuation dropped (but hyphens and underscores), each space a hyphen. */
	private static String anchor(String heading) {
		String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
		return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
	}

	private static List<String> read(Path page) {
		try {
			return Files.readAllLines(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
