/** JUnit extension handing each test fresh databases on a real PostgreSQL server. */
package pum.testkit;
