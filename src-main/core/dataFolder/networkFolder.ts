import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../contract/errors';

/** A Windows share (`\\server\share`) or its forward-slash spelling: never a local disk. */
const UNC = /^(\\\\|\/\/)[^\\/]/;

/**
 * Network filesystems as statfs names them (Linux magic numbers): NFS, SMB/CIFS/SMB2, AFS, Coda,
 * 9P, Ceph. Not FUSE — a USB stick formatted NTFS is FUSE on Linux and is a local disk.
 */
const NETWORK_TYPES = new Set([0x6969, 0x517b, 0xff534d42, 0xfe534d42, 0x5346414f, 0x73757245, 0x01021997, 0x00c36400]);

/** The type of the filesystem the folder is (or would be) on: that of its nearest existing ancestor. */
function filesystemType(dir: string): number | null {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      return fs.statfsSync(at).type;
    } catch {
      if (path.dirname(at) === at) return null;
    }
  }
}

export function isNetworkFolder(dir: string, typeOf: (dir: string) => number | null = filesystemType): boolean {
  if (UNC.test(dir)) return true;
  const type = typeOf(dir);
  return type !== null && NETWORK_TYPES.has(type);
}

/**
 * SQLite's write-ahead log needs shared memory and locks that network filesystems do not give:
 * two people opening one data folder on a share corrupt it. The team works through 集中评审 or
 * packages instead, with the data folder on one machine's own disk.
 */
export function refuseNetworkFolder(dir: string, typeOf?: (dir: string) => number | null): void {
  if (!isNetworkFolder(dir, typeOf)) return;
  throw new DeskError(
    'network-folder',
    `数据文件夹“${dir}”在网络共享位置上。程序的数据库在网络文件夹里无法可靠加锁，多人同时打开会损坏数据，所以不能这样使用。请把数据文件夹放在本机的磁盘上；几位同事一起评审请用“设置 → 集中评审”，不在一处的评审人请用离线评审包。`,
  );
}
