from trustplan.core.permissions import declare

BOARDPACK_REQUEST = declare("boardpack.request", "request, publish and withdraw board packs")
BOARDPACK_VIEW = declare("boardpack.view", "read and download published board packs")
