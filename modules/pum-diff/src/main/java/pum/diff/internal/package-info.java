/** Helpers of the diff and its reports. */
package pum.diff.internal;
