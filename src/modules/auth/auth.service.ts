import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CreateDepartmentDto, CreateUserDto } from './dto/auth.dto';
import { Department } from './entities/department.entity';
import { User } from './entities/user.entity';
import { Principal, SYSTEM_PRINCIPAL } from './roles';

const BCRYPT_ROUNDS = 10;

/** Accounts, departments and access tokens. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; principal: Principal }> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.department', 'd')
      .where('u.username = :username', { username })
      .getOne();
    const ok = user && user.active && (await bcrypt.compare(password, user.passwordHash));
    if (!ok) throw new UnauthorizedException('用户名或密码错误');
    return {
      accessToken: await this.jwt.signAsync({ sub: user.id }),
      principal: toPrincipal(user),
    };
  }

  async principalForUser(userId: string): Promise<Principal | null> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId } });
    return user && user.active ? toPrincipal(user) : null;
  }

  async findDepartment(code: string): Promise<Department | null> {
    return this.db.getRepository(Department).findOne({ where: { code } });
  }

  async findUser(username: string): Promise<User | null> {
    return this.db.getRepository(User).findOne({ where: { username } });
  }

  async listDepartments(): Promise<Department[]> {
    return this.db.getRepository(Department).find({ order: { code: 'ASC' } });
  }

  async createDepartment(
    dto: CreateDepartmentDto,
    actor: Principal = SYSTEM_PRINCIPAL,
  ): Promise<Department> {
    return this.db.transaction(async (m) => {
      if (await m.getRepository(Department).exist({ where: { code: dto.code } })) {
        throw new ConflictException(`部门编码 ${dto.code} 已存在`);
      }
      const dept = await m.getRepository(Department).save({
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        isOffice: dto.isOffice ?? false,
        createdAt: new Date(),
      });
      await this.audit.record(
        {
          actor,
          action: 'department.create',
          entityType: 'department',
          entityId: dept.code,
          after: dept,
        },
        m,
      );
      return dept;
    });
  }

  async createUser(dto: CreateUserDto, actor: Principal = SYSTEM_PRINCIPAL): Promise<Principal> {
    return this.db.transaction(async (m) => {
      const dept = await m
        .getRepository(Department)
        .findOne({ where: { code: dto.departmentCode } });
      if (!dept) throw new BadRequestException(`departmentCode: 部门 ${dto.departmentCode} 不存在`);
      if (dto.role === 'office' && !dept.isOffice) {
        throw new BadRequestException('role: office 角色只能属于联席会议办公室部门');
      }
      if (await m.getRepository(User).exist({ where: { username: dto.username } })) {
        throw new ConflictException(`用户名 ${dto.username} 已存在`);
      }
      const user = await m.getRepository(User).save({
        id: randomUUID(),
        username: dto.username,
        displayName: dto.displayName,
        passwordHash: await bcrypt.hash(dto.password, BCRYPT_ROUNDS),
        departmentId: dept.id,
        role: dto.role,
        email: dto.email ?? null,
        active: true,
        createdAt: new Date(),
      });
      const principal = toPrincipal({ ...user, department: dept } as User);
      await this.audit.record(
        {
          actor,
          action: 'user.create',
          entityType: 'user',
          entityId: user.username,
          after: principal,
        },
        m,
      );
      return principal;
    });
  }
}

function toPrincipal(user: User): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentCode: user.department.code,
    isOffice: user.role === 'office' && user.department.isOffice,
  };
}
