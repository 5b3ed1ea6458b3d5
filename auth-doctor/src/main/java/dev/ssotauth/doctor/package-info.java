/**
 * auth-doctor: the testkit pointed at a running system. The entry point is
 * {@link dev.ssotauth.doctor.Doctor} ({@code java -jar auth-doctor.jar --config system.yaml}); it reads
 * the system's description, logs its users in, presents every login's tokens to every component, and
 * prints the report in the origin report's terms as text, JSON or JUnit XML.
 */
package dev.ssotauth.doctor;
