package io.netflixevents.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netflixevents.testsupport.ProjectFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code infra/cloudformation/netflix-events.yaml} as maps and lists. The short intrinsic forms become their long
 * forms: {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.Arn} is {@code {Fn::GetAtt: A.Arn}}, and so on.
 */
final class CloudFormationTemplate {

	static final Path PATH = ProjectFiles.resolve("infra/cloudformation/netflix-events.yaml");

	private final Map<String, Object> root;

	private CloudFormationTemplate(Map<String, Object> root) {
		this.root = root;
	}

	static CloudFormationTemplate load() {
		try (Reader reader = Files.newBufferedReader(PATH)) {
			return new CloudFormationTemplate(new Yaml(new IntrinsicFunctions()).load(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text() {
		try {
			return Files.readString(PATH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Object> resources() {
		return map(root, "Resources");
	}

	Map<String, Object> outputs() {
		return map(root, "Outputs");
	}

	Map<String, Object> parameters() {
		return map(root, "Parameters");
	}

	/** Logical id to properties of every resource of that type, in template order. */
	Map<String, Map<String, Object>> ofType(String type) {
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		resources().forEach((id, resource) -> {
			Map<String, Object> definition = cast(resource);
			if (type.equals(definition.get("Type"))) {
				found.put(id, map(definition, "Properties"));
			}
		});
		return found;
	}

	Map<String, Object> properties(String logicalId) {
		return map(map(resources(), logicalId), "Properties");
	}

	String type(String logicalId) {
		return (String) map(resources(), logicalId).get("Type");
	}

	static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		if (value == null) {
			throw new AssertionError("no " + key + " in " + parent.keySet());
		}
		return cast(value);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> cast(Object value) {
		return (Map<String, Object>) value;
	}

	/** Statements as a list, whether the template wrote one statement or several. */
	@SuppressWarnings("unchecked")
	static List<Object> asList(Object value) {
		return value instanceof List ? (List<Object>) value : List.of(value);
	}

	private static final class IntrinsicFunctions extends SafeConstructor {

		IntrinsicFunctions() {
			super(new LoaderOptions());
			this.yamlMultiConstructors.put("!", new Intrinsic());
		}

		private final class Intrinsic extends AbstractConstruct {

			@Override
			public Object construct(Node node) {
				String name = node.getTag().getValue().substring(1);
				Object value;
				if (node instanceof ScalarNode scalar) {
					value = constructScalar(scalar);
				}
				else if (node instanceof SequenceNode sequence) {
					value = constructSequence(sequence);
				}
				else {
					value = constructMapping((MappingNode) node);
				}
				return Map.of(name.equals("Ref") ? "Ref" : "Fn::" + name, value);
			}

		}

	}

}
