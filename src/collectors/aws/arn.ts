/**
 * Node ids: ARNs. Where the API returns one it is used as is; otherwise it is built the way AWS
 * documents it for the resource type (EBS snapshots and AMIs have no account in their ARN).
 */
export const accountArn = (account: string): string => `arn:aws:iam::${account}:root`;
export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;
export const ec2Arn = (region: string, account: string, type: string, id: string): string => `arn:aws:ec2:${region}:${account}:${type}/${id}`;
export const instanceArn = (region: string, account: string, id: string): string => ec2Arn(region, account, 'instance', id);
export const volumeArn = (region: string, account: string, id: string): string => ec2Arn(region, account, 'volume', id);
export const securityGroupArn = (region: string, account: string, id: string): string => ec2Arn(region, account, 'security-group', id);
export const vpcArn = (region: string, account: string, id: string): string => ec2Arn(region, account, 'vpc', id);
export const subnetArn = (region: string, account: string, id: string): string => ec2Arn(region, account, 'subnet', id);
export const snapshotArn = (region: string, id: string): string => `arn:aws:ec2:${region}::snapshot/${id}`;
export const imageArn = (region: string, id: string): string => `arn:aws:ec2:${region}::image/${id}`;
/** Access keys have no ARN: the id is the owner's ARN + `/access-key/` + the key id (AWS's own id for the key). */
export const accessKeyArn = (userArn: string, keyId: string): string => `${userArn}/access-key/${keyId}`;

/** The account id in an ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`), or null. */
export function arnAccount(arn: string): string | null {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4] ?? '') ? (parts[4] ?? null) : null;
}
