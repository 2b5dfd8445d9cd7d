from tests.programme.helpers import made  # noqa: F401 - the fixture, for every test here
