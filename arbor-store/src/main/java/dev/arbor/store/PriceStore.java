package dev.arbor.store;

import dev.arbor.model.pricing.ModelPrice;
import java.util.List;
import java.util.Optional;

/**
 * Prices set through the API (source {@code CUSTOM}), global or for one project, kept with the spans so
 * that every server on the database prices alike; and a few named facts about the store, such as the
 * fingerprint of the price book its stored costs were computed with. The bundled list and a price file
 * given at start are configuration and are not stored here.
 *
 * <p>Example: {@code store.prices().create(price)} returns the price with its new id.
 */
public interface PriceStore {
  /** Every stored price, in id order. */
  List<ModelPrice> list();

  /**
   * Stores a new price ({@code id} ignored); returns it with its id. A price for a project that does not exist is
   * refused with an {@link IllegalArgumentException}.
   */
  ModelPrice create(ModelPrice price);

  /** Replaces the price with this id; empty if there is none. */
  Optional<ModelPrice> update(long id, ModelPrice price);

  /** Deletes a price; false if there was none. */
  boolean delete(long id);

  Optional<String> fact(String name);

  void putFact(String name, String value);
}
