/** Rehearse an upgrade on a copy of production, compare, then upgrade production ({@link pum.rehearsal.Rehearsal}). */
package pum.rehearsal;
