package io.netflixevents.bench.capacity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worked examples of the developer guide's "Capacity unit consumption" and the on-demand pricing page. */
class BillingTests {

	private static final int KB = 1024;

	@Test
	void aReadRoundsTheItemUpToFourKilobytes() {
		// "reading a 3,500-byte item consumes the same throughput as reading a 4 KB item"
		assertEquals(1.0, Billing.readUnits(3500, true, false));
		// "If you read a 10 KB item, DynamoDB rounds the item size to 12 KB"
		assertEquals(3.0, Billing.readUnits(10 * KB, true, false));
	}

	@Test
	void anEightKilobyteItemCostsTwoStronglyOneEventuallyAndFourTransactionally() {
		assertEquals(2.0, Billing.readUnits(8 * KB, true, false));
		assertEquals(1.0, Billing.readUnits(8 * KB, false, false));
		assertEquals(4.0, Billing.readUnits(8 * KB, true, true));
	}

	@Test
	void aMissingItemStillCostsTheMinimum() {
		assertEquals(1.0, Billing.readUnits(0, true, false));
		assertEquals(0.5, Billing.readUnits(0, false, false));
	}

	@Test
	void aBatchGetRoundsEachItemOnItsOwn() {
		// "if BatchGetItem reads a 1.5 KB item and a 6.5 KB item, DynamoDB calculates the size as 12 KB (4 KB + 8 KB)"
		assertEquals(3.0, Billing.readUnits(1536, true, false) + Billing.readUnits(6656, true, false));
	}

	@Test
	void aQueryRoundsTheSumOfItsItemsOnce() {
		// "suppose your query returns 10 items whose combined size is 40.8 KB. DynamoDB rounds ... to 44 KB"
		assertEquals(11.0, Billing.queryUnits((long) (40.8 * KB), true));
		// "If a query returns 1500 items of 64 bytes each, the cumulative size is 96 KB"
		assertEquals(24.0, Billing.queryUnits(1500 * 64, true));
		assertEquals(12.0, Billing.queryUnits(1500 * 64, false));
	}

	@Test
	void aWriteCostsOneUnitPerKilobyteOfTheLargerImageAndTwiceInATransaction() {
		// "a standard write request of a 3 KB item would require three WCUs ... a transactional write ... six"
		assertEquals(3, Billing.writeUnits(0, 3 * KB, false));
		assertEquals(6, Billing.writeUnits(0, 3 * KB, true));
		// UpdateItem: the larger of the item before and after the update
		assertEquals(2, Billing.writeUnits(1500, 500, false));
		assertEquals(1, Billing.writeUnits(0, 1, false));
		assertEquals(1, Billing.writeUnits(KB, KB, false));
		assertEquals(2, Billing.writeUnits(KB + 1, 0, false));
	}

	@Test
	void dollarsUseTheOnDemandPricesPerMillionUnits() {
		assertEquals(0.625 + 0.125, Billing.dollars(1e6, 1e6), 1e-9);
	}

}
