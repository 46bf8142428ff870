package io.netflixevents.bench.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** An item a write names: its table, key, what the write does and, for a Put, the item. */
record WrittenItem(String table, JsonNode key, Action action, JsonNode item) {

	enum Action {

		PUT, UPDATE, DELETE, CHECK

	}

	boolean updates() {
		return action == Action.UPDATE;
	}

	String pk() {
		return Keys.s(key, Keys.PK);
	}

	String sk() {
		return Keys.s(key, Keys.SK);
	}

	String id() {
		return table + "\u0000" + Keys.id(key);
	}

	/** The items a PutItem, UpdateItem, DeleteItem, BatchWriteItem or TransactWriteItems request names. */
	static List<WrittenItem> of(String operation, JsonNode request) {
		List<WrittenItem> written = new ArrayList<>();
		switch (operation) {
			case "PutItem" -> written.add(put(request.path("TableName").asString(), request.path("Item")));
			case "UpdateItem" -> written.add(new WrittenItem(request.path("TableName").asString(), request.path("Key"),
					Action.UPDATE, null));
			case "DeleteItem" -> written.add(new WrittenItem(request.path("TableName").asString(), request.path("Key"),
					Action.DELETE, null));
			case "BatchWriteItem" -> {
				for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
					for (JsonNode write : table.getValue()) {
						written.add(write.has("PutRequest") ? put(table.getKey(), write.path("PutRequest").path("Item"))
								: new WrittenItem(table.getKey(), write.path("DeleteRequest").path("Key"), Action.DELETE,
										null));
					}
				}
			}
			case "TransactWriteItems" -> {
				for (JsonNode item : request.path("TransactItems")) {
					Map.Entry<String, JsonNode> action = item.properties().iterator().next();
					JsonNode body = action.getValue();
					String table = body.path("TableName").asString();
					written.add(switch (action.getKey()) {
						case "Put" -> put(table, body.path("Item"));
						case "Update" -> new WrittenItem(table, body.path("Key"), Action.UPDATE, null);
						case "Delete" -> new WrittenItem(table, body.path("Key"), Action.DELETE, null);
						default -> new WrittenItem(table, body.path("Key"), Action.CHECK, null);
					});
				}
			}
			default -> throw new IllegalArgumentException(operation);
		}
		return written;
	}

	private static WrittenItem put(String table, JsonNode item) {
		return new WrittenItem(table, Keys.keyOf(item), Action.PUT, item);
	}

	/** The event id of the marker among the written items, or null. */
	static String markerOf(List<WrittenItem> written) {
		return written.stream()
			.map(WrittenItem::pk)
			.filter(pk -> pk.startsWith("EVENT#"))
			.map(pk -> pk.substring("EVENT#".length()))
			.findFirst()
			.orElse(null);
	}

}
