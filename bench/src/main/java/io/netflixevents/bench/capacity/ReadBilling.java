package io.netflixevents.bench.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static io.netflixevents.bench.capacity.Keys.PK;
import static io.netflixevents.bench.capacity.Keys.SK;
import static io.netflixevents.bench.capacity.Keys.id;
import static io.netflixevents.bench.capacity.Keys.s;

/**
 * What a read cost on DynamoDB's rules, from the request and the items the emulator answered: GetItem, BatchGetItem
 * (a key with no item still costs the minimum), TransactGetItems, Query and Scan.
 */
final class ReadBilling {

	private static final Pattern KEY_CONDITION = Pattern.compile("(#?\\w+)\\s*=\\s*(:\\w+)");

	private ReadBilling() {
	}

	static void bill(String operation, JsonNode request, JsonNode response, Tally sink) {
		boolean consistent = request.path("ConsistentRead").asBoolean(false);
		switch (operation) {
			case "GetItem" -> {
				JsonNode item = response.path("Item");
				long size = ItemSize.of(item);
				sink.add(s(request.path("Key"), PK), s(request.path("Key"), SK), size,
						Billing.readUnits(size, consistent, false));
			}
			case "BatchGetItem" -> batchGet(request, response, sink);
			case "TransactGetItems" -> {
				JsonNode gets = request.path("TransactItems");
				JsonNode items = response.path("Responses");
				for (int i = 0; i < gets.size(); i++) {
					JsonNode key = gets.get(i).path("Get").path("Key");
					long size = ItemSize.of(items.path(i).path("Item"));
					sink.add(s(key, PK), s(key, SK), size, Billing.readUnits(size, true, true));
				}
			}
			case "Query", "Scan" -> {
				long total = 0;
				long largest = 0;
				String largestSk = "";
				for (JsonNode item : response.path("Items")) {
					long size = ItemSize.of(item);
					total += size;
					if (size > largest) {
						largest = size;
						largestSk = s(item, SK);
					}
				}
				String pk = operation.equals("Scan") ? "<scan>" : queriedPk(request, response);
				sink.addQuery(pk, response.path("Items").size(), total, Billing.queryUnits(total, consistent), largest,
						largestSk);
			}
			default -> {
				// DescribeTable and the like cost nothing
			}
		}
	}


	private static void batchGet(JsonNode request, JsonNode response, Tally sink) {
		for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
			boolean consistent = table.getValue().path("ConsistentRead").asBoolean(false);
			Map<String, JsonNode> missing = new LinkedHashMap<>();
			for (JsonNode key : table.getValue().path("Keys")) {
				missing.put(id(key), key);
			}
			for (JsonNode key : response.path("UnprocessedKeys").path(table.getKey()).path("Keys")) {
				missing.remove(id(key));
			}
			for (JsonNode item : response.path("Responses").path(table.getKey())) {
				missing.remove(id(item));
				long size = ItemSize.of(item);
				sink.add(s(item, PK), s(item, SK), size, Billing.readUnits(size, consistent, false));
			}
			for (JsonNode key : missing.values()) { // a key with no item still costs the minimum
				sink.add(s(key, PK), s(key, SK), 0, Billing.readUnits(0, consistent, false));
			}
		}
	}

	/** The partition key a Query named ({@code pk = :v}), or its first item's. */
	private static String queriedPk(JsonNode request, JsonNode response) {
		Matcher condition = KEY_CONDITION.matcher(request.path("KeyConditionExpression").asString(""));
		while (condition.find()) {
			String name = condition.group(1);
			if (name.startsWith("#")) {
				name = request.path("ExpressionAttributeNames").path(name).asString(name);
			}
			if (name.equals(PK)) {
				return request.path("ExpressionAttributeValues").path(condition.group(2)).path("S").asString("?");
			}
		}
		return response.path("Items").size() > 0 ? s(response.path("Items").get(0), PK) : "?";
	}

}
