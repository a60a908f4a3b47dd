/** Connections, configuration and the common error type shared by every pum module. */
package pum.core;
