package dev.arbor.store;

/** What an annotation is about: a span, a trace, a session, or one retrieved document of a span. */
public enum AnnotationTarget { SPAN, TRACE, SESSION, DOCUMENT }
