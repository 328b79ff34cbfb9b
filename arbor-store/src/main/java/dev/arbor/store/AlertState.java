package dev.arbor.store;

/** Whether a rule's condition held at its last evaluation. */
public enum AlertState { OK, FIRING }
