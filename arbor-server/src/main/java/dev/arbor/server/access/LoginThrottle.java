package dev.arbor.server.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. Five wrong passwords for one user name from one address lock that pair for 30
 * seconds, each further one doubles the lock up to 15 minutes; 30 wrong passwords from one address, whatever the
 * names, lock the address for 15 minutes. A right password clears its pair. Failures older than 15 minutes are
 * forgotten. Every attempt counts as a failure until its password is found right, so attempts sent at once are
 * held to the same limit. Kept in memory: a restart forgets it, which only gives a guesser a few more tries.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final int ADDRESS_FAILURES = 30;
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  private static final Duration MEMORY = Duration.ofMinutes(15);

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  private final Clock clock;
  private final Map<String, Failures> pairs = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long this name from this address must still wait; zero when it may try now. */
  public Duration lockedFor(String name, String address) {
    Instant now = clock.instant();
    Instant until = later(lockedUntil(pairs, pair(name, address), now), lockedUntil(addresses, address, now));
    return until == null ? Duration.ZERO : Duration.between(now, until);
  }

  public void failed(String name, String address) {
    Instant now = clock.instant();
    forgetOld(now);
    pairs.compute(pair(name, address), (key, old) -> next(old, now, FREE_FAILURES));
    addresses.compute(address, (key, old) -> next(old, now, ADDRESS_FAILURES));
  }

  /** A right password: its pair starts afresh, and its attempt (counted as a failure first) no longer counts. */
  public void succeeded(String name, String address) {
    pairs.remove(pair(name, address));
    addresses.computeIfPresent(address, (key, old) -> old.count() <= 1 ? null
        : new Failures(old.count() - 1, old.last(), old.lockedUntil()));
  }

  private static Failures next(Failures old, Instant now, int free) {
    int count = old == null || old.last().plus(MEMORY).isBefore(now) ? 1 : old.count() + 1;
    Instant lockedUntil = null;
    if (count >= free) {
      Duration lock = free == FREE_FAILURES
          ? FIRST_LOCK.multipliedBy(1L << Math.min(count - free, 10)) : LONGEST_LOCK;
      lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }
    return new Failures(count, now, lockedUntil);
  }

  private static Instant lockedUntil(Map<String, Failures> map, String key, Instant now) {
    Failures failures = map.get(key);
    return failures == null || failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now) ? null
        : failures.lockedUntil();
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private void forgetOld(Instant now) {
    if (pairs.size() + addresses.size() > 10_000) {
      pairs.values().removeIf(f -> f.last().plus(MEMORY).isBefore(now) && unlocked(f, now));
      addresses.values().removeIf(f -> f.last().plus(MEMORY).isBefore(now) && unlocked(f, now));
    }
  }

  private static boolean unlocked(Failures f, Instant now) {
    return f.lockedUntil() == null || !f.lockedUntil().isAfter(now);
  }

  private static String pair(String name, String address) {
    return name.toLowerCase(Locale.ROOT) + "\n" + address;
  }
}
