# pum's stand-in for PUM 0.x's pum.core.deltapy, so that existing Python deltas
# ("from pum.core.deltapy import DeltaPy") run under pum unchanged. Written for pum;
# see docs/java-deltas.md. Values are readable both as attributes (self.pg_service,
# as in PUM's code) and as calls (self.pg_service(), as in PUM's documentation).
import operator
import re
from abc import ABCMeta, abstractmethod


class _Value(str):
    def __call__(self):
        return self


class _Dirs(list):
    def __call__(self):
        return self


class _Vars(dict):
    def __call__(self):
        return self


def _version_base():
    # PUM 0.10 passed pkg_resources.parse_version(...). A packaging Version is the same class
    # (pkg_resources vendors packaging); whichever is importable gives PEP 440 parsing.
    try:
        from packaging.version import Version
        return Version
    except Exception:
        pass
    try:
        import pkg_resources
        return type(pkg_resources.parse_version("0"))
    except Exception:
        return None


_BASE = _version_base()


def _numeric_key(text):
    return tuple(int(p) for p in re.findall(r"\d+", str(text)))


if _BASE is not None:
    class DbVersion(_BASE):
        """The database version: a packaging Version that also compares with the Version class of
        any other copy of packaging (pkg_resources.parse_version's, packaging's) and with text."""

        def _other(self, other):
            if isinstance(other, _BASE):
                return other
            if isinstance(other, str) or hasattr(other, "release"):
                try:
                    return _BASE(str(other))
                except Exception:
                    return None
            return None

        def _compare(self, other, op):
            o = self._other(other)
            if o is None:
                return NotImplemented
            return op(self._key, o._key)

        def __lt__(self, other):
            return self._compare(other, operator.lt)

        def __le__(self, other):
            return self._compare(other, operator.le)

        def __eq__(self, other):
            return self._compare(other, operator.eq)

        def __ne__(self, other):
            r = self._compare(other, operator.eq)
            return r if r is NotImplemented else not r

        def __ge__(self, other):
            return self._compare(other, operator.ge)

        def __gt__(self, other):
            return self._compare(other, operator.gt)

        __hash__ = _BASE.__hash__

        def __call__(self):
            return self
else:
    class DbVersion:
        """The database version, compared numerically part by part (no packaging importable)."""

        def __init__(self, text):
            self._text = str(text)
            self.release = _numeric_key(text)

        def __str__(self):
            return self._text

        def __repr__(self):
            return "<Version('{}')>".format(self._text)

        def _compare(self, other, op):
            if isinstance(other, str) or hasattr(other, "release"):
                return op(self.release, _numeric_key(other) if isinstance(other, str) else tuple(other.release))
            return NotImplemented

        def __lt__(self, other):
            return self._compare(other, operator.lt)

        def __le__(self, other):
            return self._compare(other, operator.le)

        def __eq__(self, other):
            return self._compare(other, operator.eq)

        def __ne__(self, other):
            r = self._compare(other, operator.eq)
            return r if r is NotImplemented else not r

        def __ge__(self, other):
            return self._compare(other, operator.ge)

        def __gt__(self, other):
            return self._compare(other, operator.gt)

        def __hash__(self):
            return hash(self.release)

        def __call__(self):
            return self


class DeltaPy(metaclass=ABCMeta):
    """Base class of Python delta files."""

    def __init__(self, current_db_version, *args, variables=None):
        # PUM passed (version, delta_dir, delta_dirs, service, table) in some releases and
        # (version, delta_dirs, service, table) in others: accept both.
        if len(args) == 4:
            delta_dir, delta_dirs, pg_service, upgrades_table = args
        elif len(args) == 3:
            delta_dirs, pg_service, upgrades_table = args
            delta_dir = delta_dirs[0] if delta_dirs else ""
        else:
            raise TypeError("DeltaPy(current_db_version, [delta_dir,] delta_dirs, pg_service, upgrades_table)")
        if not isinstance(current_db_version, DbVersion):
            current_db_version = DbVersion(str(current_db_version))
        self.__current_db_version = current_db_version
        self.__delta_dir = _Value(delta_dir)
        self.__delta_dirs = _Dirs(delta_dirs)
        self.__pg_service = _Value(pg_service)
        self.__upgrades_table = _Value(upgrades_table)
        self.__variables = _Vars(variables or {})

    @abstractmethod
    def run(self):
        """Does the delta's work."""

    @property
    def current_db_version(self):
        return self.__current_db_version

    @property
    def delta_dir(self):
        return self.__delta_dir

    @property
    def delta_dirs(self):
        return self.__delta_dirs

    @property
    def pg_service(self):
        return self.__pg_service

    @property
    def upgrades_table(self):
        return self.__upgrades_table

    @property
    def variables(self):
        return self.__variables

    def write_message(self, text):
        print("Message from {}: {}".format(self.__class__.__name__, text), flush=True)
