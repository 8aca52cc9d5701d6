/** The libvirt provider's options and target (one target per configured connection). */
import type { TargetBase } from '../types.js';

export interface LibvirtConnectionOptions {
  /** libvirt connection URI, e.g. `qemu:///system`, `qemu+ssh://user@kvm01/system`, `test:///abs/path/node.xml`. */
  uri: string;
  /** Host name used as the account and in node ids; defaults to the URI's host, else `virsh hostname`. */
  name?: string;
  /** Connect with `virsh --readonly`: graphics passwords cannot be seen (recorded as unknown). */
  readOnly?: boolean;
}

export interface LibvirtOptions {
  connections: LibvirtConnectionOptions[];
  /** The virsh executable; defaults to `virsh` on the PATH. */
  virshPath?: string;
}

export interface LibvirtTarget extends TargetBase {
  provider: 'libvirt';
  uri: string;
  /** Host name: the target's account and the HOST in `libvirt://HOST/...` ids. */
  host: string;
  readOnly: boolean;
  virshPath: string;
}
