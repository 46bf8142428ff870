package io.netflixevents.bench.capacity;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules of the developer guide's "DynamoDB item sizes and formats", one attribute type at a time. */
class ItemSizeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aStringIsItsNameAndValueInUtf8Bytes() {
		assertEquals(2 + 6, size("{\"pk\": {\"S\": \"USER#1\"}}"));
		assertEquals(1 + 2 + 3, size("{\"t\": {\"S\": \"é€\"}}")); // é is 2 bytes, € is 3
	}

	@Test
	void aNumberIsOneBytePerTwoSignificantDigitsPlusOne() {
		assertEquals(1 + 1 + 1, size("{\"n\": {\"N\": \"7\"}}"));
		assertEquals(1 + 2 + 1, size("{\"n\": {\"N\": \"1234\"}}"));
		assertEquals(1 + 3 + 1, size("{\"n\": {\"N\": \"12345\"}}"));
		// leading and trailing zeros are trimmed
		assertEquals(1 + 1 + 1, size("{\"n\": {\"N\": \"1000000\"}}"));
		assertEquals(1 + 1 + 1, size("{\"n\": {\"N\": \"-0.0012\"}}"));
	}

	@Test
	void aBinaryIsItsRawBytesNotItsBase64() {
		assertEquals(1 + 3, size("{\"b\": {\"B\": \"AQID\"}}")); // base64 of 3 bytes
	}

	@Test
	void aBooleanOrNullIsOneByte() {
		assertEquals(4 + 1, size("{\"flag\": {\"BOOL\": true}}"));
		assertEquals(4 + 1, size("{\"none\": {\"NULL\": true}}"));
	}

	@Test
	void aListOrMapIsThreeBytesPlusEachElementAndOneBytePerElement() {
		assertEquals(1 + 3, size("{\"l\": {\"L\": []}}"));
		assertEquals(1 + 3 + (2 + 1) + (1 + 1), size("{\"l\": {\"L\": [{\"S\": \"ab\"}, {\"BOOL\": false}]}}"));
		assertEquals(1 + 3 + (1 + 2 + 1), size("{\"m\": {\"M\": {\"a\": {\"N\": \"12\"}}}}"));
	}

	@Test
	void anItemIsTheSumOfItsAttributes() {
		assertEquals((2 + 6) + (2 + 4) + (7 + 1 + 1),
				size("{\"pk\": {\"S\": \"USER#1\"}, \"sk\": {\"S\": \"VIEW\"}, \"movieId\": {\"N\": \"42\"}}"));
		assertEquals(0, ItemSize.of(null));
	}

	private static long size(String item) {
		JsonNode node = JSON.readTree(item);
		return ItemSize.of(node);
	}

}
