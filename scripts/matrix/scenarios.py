# SPDX-License-Identifier: GPL-2.0
"""The scenario table: the one place that names the matrix scenarios.

Each scenario has a short id, which is the guest script (qemu/guest/<id>.sh),
the KCM: token name, the key in results.json and what scripts/support-table
and the tests read, and a readable name, shown next to the id in the grids
("S1 generic-only") and accepted by `scripts/qemu-matrix --scenario` as an
alias of the id.  What each one asserts: the header of its guest script and
qemu/README.md.
"""
from dataclasses import dataclass

from .common import QEMU_DIR

GUEST_DIR = QEMU_DIR / "guest"


@dataclass(frozen=True)
class Scenario:
    id: str                      # qemu/guest/<id>.sh, results.json key
    name: str                    # readable alias: grid label, --scenario
    what: str                    # one line, for --help and --list
    default: bool = False        # run when no --scenario is given
    only_bind: str | None = None  # runs in this binding mode only
    boots: tuple = ("main",)     # "main": the capable CPU; "s4": the incapable one
    distro_default: bool = False  # also a default of the distro lane (Debian's kernels)
    guest: bool = True           # False: a verdict of the runner, no guest script
    needs: tuple = ()            # kernel CONFIG_* options it needs; a cell whose
                                 # kernel lacks one FAILs it (never skipped)
    needs_hint: str = ""         # what to run instead, said in that failure
    wireguard: bool = False      # the guest gets wireguard.ko and the
                                 # kernel's netns.sh (cell.guest_extras)
    own_modules: tuple = ()      # on Debian's kernels: its modules under these
                                 # lib/modules/<release>/ dirs go into the guest
    net: bool = False            # also runs in the net layer (tests/test_net.py);
                                 # a scenario with `needs` always does
    slow: int = 1                # its time limit is this many times the
                                 # arch's boot_timeout (long network runs)

    @property
    def label(self):
        return f"{self.id} {self.name}"


# What WireGuard's netns.sh needs of the kernel, besides the module itself
# (tools/testing/selftests/wireguard/qemu/kernel.config; qemu/config/net.config).
NET_NEEDS = ("CONFIG_NET_NS", "CONFIG_VETH", "CONFIG_IPV6", "CONFIG_NETFILTER_XT_MATCH_LENGTH",
             "CONFIG_IP_NF_NAT", "CONFIG_NET_UDP_TUNNEL", "CONFIG_DST_CACHE", "CONFIG_GRO_CELLS")
NET_HINT = "the net variant (--variant net) has what WireGuard and netns.sh need"

TABLE = (
    Scenario("S1", "generic-only", "every arch module blacklisted: all primitives generic",
             default=True),
    Scenario("S1b", "modprobe-idioms", "blacklist, install /bin/true, install /bin/false per "
             "arch module", default=True),
    Scenario("S2", "accelerated", "plain modprobe kcrypto binds every arch module",
             default=True),
    Scenario("S3", "one-disabled", "one arch module blacklisted at a time", default=True),
    Scenario("S4", "incapable-cpu", "CPU without the features (arm64: simulated with cpu_mask)",
             default=True, boots=("s4",)),
    Scenario("S5", "unload-reload", "20 load/unload cycles in dependency order", default=True),
    Scenario("S6", "runtime-plug", "insmod/rmmod arch modules under kcrypto-stress",
             default=True, only_bind="ffp"),
    Scenario("S6w", "weak-order", "kcrypto loaded before an arch module stays generic",
             default=True, only_bind="weak"),
    Scenario("S7", "vectors", "every KTV vector file through the test interface, every "
             "implementation", default=True),
    Scenario("policy", "policy-examples", "the shipped modprobe.d examples S1/S1b/S3 do not "
             "use, modprobe -r", default=True),
    Scenario("bench", "in-kernel-bench", "residency and kcrypto-bench (scripts/bench, --icount)"),
    Scenario("faults", "fault-injection", "systematic kmalloc failures (debug variant)"),
    Scenario("hostile", "hostile-input", "malformed input on every user interface, exact errors"),
    Scenario("resident", "memory-residency", "what modprobe kcrypto leaves resident, on both CPUs",
             boots=("main", "s4")),
    Scenario("signing", "module-signing", "signature enforcement (tests/test_signing.py)"),
    Scenario("stress", "plug-stress", "callers from every context while arch modules plug "
             "and unplug"),
    Scenario("taint", "vermagic-taint", "vermagic, modversions, taint O/E only on a kernel we "
             "did not build", distro_default=True),
    Scenario("crypto-api", "crypto-api-drivers", "kcrypto-crypto.ko: testmgr self-tests of every "
             "*-kcrypto driver, KUnit by driver name, rmmod refused while held (net variant)",
             needs=("CONFIG_CRYPTO_SKCIPHER", "CONFIG_CRYPTO_AEAD", "CONFIG_CRYPTO_MANAGER"),
             needs_hint="the net variant (--variant net) has the crypto API, its self-tests "
             "and KUnit", distro_default=True, own_modules=("kernel/crypto",)),
    Scenario("wireguard", "wireguard-netns", "the kernel's WireGuard built on kcrypto "
             "(wireguard.ko) passes its own selftest, netns.sh, unmodified (net variant)",
             needs=NET_NEEDS, needs_hint=NET_HINT, wireguard=True, slow=3),
    Scenario("wireguard-plug", "wireguard-hotplug", "iperf3 through a WireGuard tunnel on "
             "kcrypto while the arch modules plug and unplug and force_generic flips; no "
             "authentication failure; generic/accelerated throughput (net variant)",
             only_bind="ffp", needs=NET_NEEDS, needs_hint=NET_HINT, wireguard=True, slow=2),
    Scenario("ipsec", "ipsec-esp", "IPsec ESP rfc7539esp(chacha20,poly1305) served by "
             "kcrypto-crypto between two namespaces: ping flood and iperf3, xfrm counters 0, "
             "ffp plug loop under traffic (net variant)",
             needs=NET_NEEDS + ("CONFIG_XFRM_USER", "CONFIG_XFRM_STATISTICS", "CONFIG_INET_ESP",
                                 "CONFIG_CRYPTO_AEAD"),
             needs_hint=NET_HINT),
    Scenario("consumer", "consumer-module", "examples/kcrypto-example built against a make "
             "install of kcrypto: RFC known answers, refcount, rmmod kcrypto refused while "
             "loaded", net=True),
    Scenario("build", "module-build", "W=1 module build of a build-only kernel", guest=False),
)


def _untabled():
    """Guest scripts without a table entry: still runnable (opt-in), named
    by their id; tests/test_matrix_py.py fails until they get a name."""
    have = {s.id for s in TABLE}
    return tuple(Scenario(f.stem, f.stem, "(no entry in scripts/matrix/scenarios.py)")
                 for f in sorted(GUEST_DIR.glob("*.sh"))
                 if f.stem != "lib" and f.stem not in have)


UNTABLED = _untabled()
ALL = TABLE + UNTABLED
BY_ID = {s.id: s for s in ALL}
BY_NAME = {s.name: s for s in ALL}
DEFAULT = [s.id for s in ALL if s.default]
OPTIN = sorted(s.id for s in ALL if not s.default and s.guest)
SELECTABLE = DEFAULT + OPTIN          # what --scenario accepts (by id or name)
DISTRO_DEFAULT_EXTRA = [s.id for s in ALL if s.distro_default]
# The consumer scenarios, which tests/test_net.py runs on the net variant
# (qemu/config/net.config): those that need kernel options only it has,
# and the example consumer module.
NET = [s.id for s in ALL if s.needs or s.net]
LABEL_WIDTH = max(len(s.label) for s in TABLE)  # for aligned output lines


def resolve(text):
    """A --scenario value (id or readable name) -> the id; KeyError if none."""
    s = BY_ID.get(text) or BY_NAME.get(text)
    if s is None or s.id not in SELECTABLE:
        raise KeyError(text)
    return s.id


def label(key):
    """Grid label of a results.json scenario key: "S1" -> "S1 generic-only",
    "resident@s4" -> "resident@s4 memory-residency"; unknown keys unchanged."""
    s = BY_ID.get(key.split("@", 1)[0])
    return f"{key} {s.name}" if s and s.name != s.id else key


def applicable(sid, bind):
    """Does scenario `sid` run in binding mode `bind`?"""
    s = BY_ID.get(sid)
    return not s or s.only_bind in (None, bind)


def missing_config(sid, config_text):
    """The CONFIG_* options scenario `sid` needs that a kernel .config
    (its text) does not set to y or m."""
    have = {l.split("=", 1)[0] for l in config_text.splitlines()
            if l.startswith("CONFIG_") and l.split("=", 1)[1:] in (["y"], ["m"])}
    s = BY_ID.get(sid)
    return [c for c in (s.needs if s else ()) if c not in have]


def on_boot(sids, kind):
    """The scenarios of `sids` that run on boot `kind` ("main" or "s4")."""
    return [i for i in sids if kind in BY_ID[i].boots]
