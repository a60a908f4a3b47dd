// Descriptor added at build time (reactive-streams is an automatic module; r2dbc-spi requires it).
module org.reactivestreams {
    exports org.reactivestreams;
}
