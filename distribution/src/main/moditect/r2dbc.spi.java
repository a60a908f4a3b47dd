// Descriptor added at build time (r2dbc-spi is an automatic module; jOOQ requires it).
module r2dbc.spi {
    requires transitive org.reactivestreams;
    exports io.r2dbc.spi;
}
