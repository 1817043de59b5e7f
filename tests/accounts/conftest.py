from tests.accounts.fixtures import oidc_provider, rsa_private_key, smtp_server  # noqa: F401
