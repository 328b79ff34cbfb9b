/**
 * The store SPI: a small, blocking interface whose contract is in its Javadoc and checked by the
 * shared suite in {@code arbor-store-tests}, which every backend runs.
 */
package dev.arbor.store;
