# pum's stand-in for PUM 0.x's pum.core.deltapy, so that existing Python deltas
# ("from pum.core.deltapy import DeltaPy") run under pum unchanged. Written for pum;
# see docs/java-deltas.md. Values are readable both as attributes (self.pg_service,
# as in PUM's code) and as calls (self.pg_service(), as in PUM's documentation).
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
        self.__current_db_version = _Value(current_db_version)
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
