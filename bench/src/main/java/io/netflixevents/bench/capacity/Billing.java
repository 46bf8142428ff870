package io.netflixevents.bench.capacity;

/**
 * DynamoDB's on-demand billing ("Capacity unit consumption for read and write operations", developer guide): a write
 * costs one unit per started KB of the larger of the item before and after, twice that inside TransactWriteItems; a
 * read one unit per started 4 KB of the item (strongly consistent; half eventually consistent; twice in
 * TransactGetItems), a missing item the minimum; a Query or Scan the sum of its returned items rounded up to 4 KB.
 */
final class Billing {

	static final int WRITE_UNIT_BYTES = 1024;

	static final int READ_UNIT_BYTES = 4096;

	/**
	 * On-demand, us-east-1, standard table class, after the price cut of November 2024: $0.625 per million write
	 * request units and $0.125 per million read request units (airbyte.com's "Amazon DynamoDB Pricing", July 21,
	 * 2025, quoting aws.amazon.com/dynamodb/pricing/on-demand/).
	 */
	static final double DOLLARS_PER_MILLION_WRITE_UNITS = 0.625;

	static final double DOLLARS_PER_MILLION_READ_UNITS = 0.125;

	/** A partition's limits (developer guide, "Partitions and data distribution"). */
	static final double PARTITION_WRITE_UNITS_PER_SECOND = 1000;

	static final double PARTITION_READ_UNITS_PER_SECOND = 3000;

	private Billing() {
	}

	/** PutItem, UpdateItem, DeleteItem, a BatchWriteItem's item, or an item of TransactWriteItems (transactional). */
	static long writeUnits(long sizeBefore, long sizeAfter, boolean transactional) {
		long units = Math.max(1, ceilDiv(Math.max(sizeBefore, sizeAfter), WRITE_UNIT_BYTES));
		return transactional ? 2 * units : units;
	}

	/** GetItem, a BatchGetItem's item, or an item of TransactGetItems (transactional); 0 bytes for a missing item. */
	static double readUnits(long size, boolean stronglyConsistent, boolean transactional) {
		long units = Math.max(1, ceilDiv(size, READ_UNIT_BYTES));
		return transactional ? 2.0 * units : stronglyConsistent ? units : units / 2.0;
	}

	/** Query or Scan: the sum of the sizes of the items it returned, rounded up to 4 KB once for the call. */
	static double queryUnits(long totalSize, boolean stronglyConsistent) {
		long units = Math.max(1, ceilDiv(totalSize, READ_UNIT_BYTES));
		return stronglyConsistent ? units : units / 2.0;
	}

	static double dollars(double writeUnits, double readUnits) {
		return writeUnits * DOLLARS_PER_MILLION_WRITE_UNITS / 1e6 + readUnits * DOLLARS_PER_MILLION_READ_UNITS / 1e6;
	}

	private static long ceilDiv(long value, long unit) {
		return (value + unit - 1) / unit;
	}

}
