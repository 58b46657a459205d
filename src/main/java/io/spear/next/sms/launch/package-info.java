/**
 * How the service starts: its entry point, and the command line and TOML file of Spear's own SMS
 * mapped onto this service's settings, so that the image drops into Spear's deployment.
 */
package io.spear.next.sms.launch;
