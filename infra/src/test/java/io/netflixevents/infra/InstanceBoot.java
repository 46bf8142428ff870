package io.netflixevents.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.Processes;

/**
 * Runs an instance's user data as cloud-init would, but in a scratch directory: the release's {@code boot.sh}
 * installs under {@code DESTDIR} instead of /, the real awscli fetches from the emulator's S3, and what needs root or
 * an init system ({@code dnf}, {@code useradd}, {@code chown}, {@code systemctl}) is a stub that records its call.
 */
final class InstanceBoot {

	private static final List<String> STUBS = List.of("dnf", "useradd", "chown", "systemctl");

	private final Path root;

	private final Path log;

	private final String output;

	private InstanceBoot(Path root, Path log, String output) {
		this.root = root;
		this.log = log;
		this.output = output;
	}

	static InstanceBoot run(String userData, Path scratch, Map<String, String> awsEnvironment) {
		try {
			Path stubs = Files.createDirectories(scratch.resolve("stubs"));
			Path root = Files.createDirectories(scratch.resolve("root"));
			Path log = scratch.resolve("calls.log");
			Files.createFile(log);
			for (String command : STUBS) {
				Path stub = stubs.resolve(command);
				Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> \"$STUB_LOG\"\n");
				Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			Map<String, String> environment = new HashMap<>(awsEnvironment);
			environment.put("PATH", stubs + ":" + awsEnvironment.get("PATH"));
			environment.put("DESTDIR", root.toString());
			environment.put("STUB_LOG", log.toString());
			environment.put("TMPDIR", Files.createDirectories(scratch.resolve("tmp")).toString());
			String output = Processes.run(List.of("bash", "-c", userData), environment, Duration.ofSeconds(60));
			return new InstanceBoot(root, log, output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file the boot wrote, by its path on the instance (/etc/..., /opt/...). */
	Path file(String pathOnInstance) {
		return root.resolve(pathOnInstance.substring(1));
	}

	String read(String pathOnInstance) {
		try {
			return Files.readString(file(pathOnInstance));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The stubbed commands, one line each with its arguments, in the order they ran. */
	List<String> calls() {
		try {
			return Files.readAllLines(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String output() {
		return output;
	}

}
