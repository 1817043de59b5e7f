from trustplan.core.permissions import declare

TRUST_ARCHIVE = declare("trust.archive", "build and download the whole trust as one archive")
